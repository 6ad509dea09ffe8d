import Foundation

/// The default templates and the starter site, compiled into the library by the
/// `EmbedSiteFiles` build plugin from `templates/` and `Scaffold/Starter/`.
enum EmbeddedSiteFiles {
    struct File {
        /// Relative to the group's folder, with `/` separators.
        let path: String
        let base64: String

        var data: Data { Data(base64Encoded: base64) ?? Data() }
    }
}
