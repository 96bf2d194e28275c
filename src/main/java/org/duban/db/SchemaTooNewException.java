package org.duban.db;

/** The database was migrated by a newer build; running an older one against it could corrupt data. */
public final class SchemaTooNewException extends RuntimeException {
  public SchemaTooNewException(String databaseVersion, String knownVersion) {
    super("the database schema is at version " + databaseVersion + " but this server only knows up to version "
        + knownVersion + ": start a server build that knows this schema");
  }
}
