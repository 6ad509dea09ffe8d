#include <sqlite3.h>

/// Keeps a WAL database's log as it is when this connection closes (no checkpoint into the
/// main file): a failed import must leave the operational database's files byte-identical.
/// A C function because sqlite3_db_config is variadic, which Swift cannot call.
static inline int transparency_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
