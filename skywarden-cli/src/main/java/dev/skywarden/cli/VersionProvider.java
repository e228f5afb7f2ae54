package dev.skywarden.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, or reports a development build. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"skywarden " + version()};
  }

  /** Returns the version from the jar manifest, or {@code development} outside a jar. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
