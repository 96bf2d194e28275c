package org.duban.db;

import org.duban.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class MigrationTest {

  @Test
  void createsAMissingDatabaseAndMigratesItTwiceWithoutHarm() {
    try (TestDatabase db = TestDatabase.fresh("migration")) {
      assertThatCode(() -> DatabaseBootstrap.prepare(db.target())).doesNotThrowAnyException();
      assertThatCode(() -> DatabaseBootstrap.prepare(db.target())).doesNotThrowAnyException();
      db.execute("SELECT id, refresh_hash FROM session LIMIT 0");
    }
  }

  @Test
  void refusesASchemaNewerThanThisBuildKnows() {
    try (TestDatabase db = TestDatabase.fresh("migrationfuture")) {
      DatabaseBootstrap.prepare(db.target());
      db.execute("""
          INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                             installed_by, execution_time, success)
          VALUES (999, '999', 'from a newer build', 'SQL', 'V999__future.sql', 0, 'postgres', 1, true)""");
      assertThatThrownBy(() -> DatabaseBootstrap.prepare(db.target()))
          .isInstanceOf(SchemaTooNewException.class)
          .hasMessageContaining("version 999")
          .hasMessageContaining("this server only knows up to version");
    }
  }
}
