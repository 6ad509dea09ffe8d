import TransparencyGen

/// The preview's own pages: shown instead of the site while the first build runs, and
/// instead of a stale site when the last build failed. They reload themselves every two
/// seconds, so the browser shows the site as soon as a build succeeds.
enum PreviewPages {
    static func building(site: String) -> String {
        page(title: "Building the preview…", body: "<p>Building the portal from <code>\(escape(site))</code>. This page reloads by itself.</p>")
    }

    static func failed(_ message: String, site: String) -> String {
        page(title: "The build failed", body: """
            <p>The preview shows no page until the site builds again, so that nothing out of date is mistaken for the current site.</p>
            <pre>\(escape(message))</pre>
            <p>Fix the file named above and save it: the preview rebuilds by itself and this page reloads. \
            The site folder is <code>\(escape(site))</code>.</p>
            """)
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="2">
        <title>\(escape(title)) · transparency-gen preview</title>
        <style>
        body { font: 1rem/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
        h1 { font-size: 1.5rem; }
        pre { white-space: pre-wrap; background: #fdf0ef; border-left: 4px solid #b3261e; padding: 1rem; }
        </style>
        </head>
        <body>
        <main>
        <h1>\(escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    private static func escape(_ text: String) -> String { XMLText.escape(text) }
}
