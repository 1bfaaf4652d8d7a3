package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An unprivileged system account that root runs a program as: created once with {@code useradd --system}
 * (no home, no login shell) and reused after that. Programs run as it through util-linux's {@code runuser}.
 */
final class SystemUser {

  private static final Duration QUICK = Duration.ofSeconds(30);

  private final String name;
  private final UserPrincipal principal;
  private final Path runuser;

  private SystemUser(String name, UserPrincipal principal, Path runuser) {
    this.name = name;
    this.principal = principal;
    this.runuser = runuser;
  }

  /**
   * The account {@code name}, created when missing.
   *
   * @throws TriiException when not running as root, or when {@code useradd} or {@code runuser} is missing or fails
   */
  static SystemUser ensure(String name) {
    if (!isRoot()) {
      throw new TriiException("only root can create the system user '" + name + "' and run programs as it (running as "
          + System.getProperty("user.name") + ")");
    }
    Path runuser = sbinTool("runuser").orElseThrow(() -> new TriiException("cannot run the embedded PostgreSQL as the "
        + "system user '" + name + "': runuser is not installed (Debian: apt-get install util-linux), "
        + "or set TRII_DB_URL to a PostgreSQL server"));
    if (!exists(name)) {
      create(name);
    }
    try {
      UserPrincipal principal = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
      return new SystemUser(name, principal, runuser);
    } catch (IOException e) {
      throw new TriiException("the system user '" + name + "' exists but cannot be looked up: " + e.getMessage(), e);
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean exists(String name) {
    return SystemCommand.run(List.of("id", "-u", name), QUICK).succeeded();
  }

  private static void create(String name) {
    Path useradd = sbinTool("useradd").orElseThrow(() -> new TriiException("cannot create the system user '" + name
        + "' that runs the embedded PostgreSQL as root: useradd is not installed (Debian: apt-get install passwd), "
        + "or set TRII_DB_URL to a PostgreSQL server"));
    SystemCommand created = SystemCommand.run(List.of(useradd.toString(), "--system", "--user-group",
        "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name), QUICK);
    // another process may have created it at the same moment: then it exists now and that is fine
    if (!created.succeeded() && !exists(name)) {
      created.orFail("creating the system user '" + name + "' for the embedded PostgreSQL");
    }
  }

  private static Optional<Path> sbinTool(String tool) {
    return Stream.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")
        .map(folder -> Path.of(folder + tool))
        .filter(Files::isExecutable)
        .findFirst();
  }

  String name() {
    return name;
  }

  /** The command line that runs {@code command} as this user. */
  private List<String> commandAs(List<String> command) {
    List<String> line = new ArrayList<>(List.of(runuser.toString(), "-u", name, "--"));
    line.addAll(command);
    return line;
  }

  /** Runs {@code command} as this user to completion. */
  SystemCommand run(List<String> command, Duration timeout) {
    return SystemCommand.run(commandAs(command), timeout);
  }

  /** Whether this user can enter and write {@code directory}: every folder above it must let it through. */
  boolean canUse(Path directory) {
    return run(List.of("test", "-w", directory.toString(), "-a", "-x", directory.toString()), QUICK).succeeded();
  }

  /** Whether this user can run {@code program}. */
  boolean canRun(Path program) {
    return run(List.of("test", "-x", program.toString()), QUICK).succeeded();
  }

  /** Makes {@code directory} and everything in it this user's, closed to everyone else (mode 700). */
  void own(Path directory) throws IOException {
    if (!principal.equals(Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS))) {
      try (Stream<Path> tree = Files.walk(directory)) {
        for (Path path : (Iterable<Path>) tree::iterator) {
          Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(principal);
        }
      }
    }
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
  }
}
