package org.causalworkbench.core.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which build of the workbench is running: its version and the commit it was built from (unknown
 * when built outside a git checkout, "-modified" when built with uncommitted changes). A run
 * records it, so a verdict can be traced to the code that produced it.
 */
public record BuildInfo(String version, String commit) {

  /** The build of the classes on the classpath. */
  public static BuildInfo current() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the workbench's build.properties", e);
    }
    return new BuildInfo(props.getProperty("version", "unknown"), props.getProperty("commit", "unknown"));
  }

  /** "0.1.0-SNAPSHOT (3f2a9c1d0b7e)". */
  public String describe() {
    return version + " (" + commit + ")";
  }
}
