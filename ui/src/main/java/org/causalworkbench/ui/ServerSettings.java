package org.causalworkbench.ui;

import java.time.Duration;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.review.RecalibrationSettings;

/**
 * The server's settings, from the {@code server.*} configuration keys, and how it recalibrates
 * beliefs after the reviews made through it ({@code graph.review.recalibration-*}).
 */
public record ServerSettings(String bind, int port, Duration sessionIdle, int maxBodyBytes, boolean secureCookies,
    Duration livePoll, java.util.List<String> allowedOrigins, DocumentLinks documentLinks,
    RecalibrationSettings recalibration) {

  /** Settings without document links, recalibrating by the defaults. */
  public ServerSettings(String bind, int port, Duration sessionIdle, int maxBodyBytes, boolean secureCookies,
      Duration livePoll, java.util.List<String> allowedOrigins) {
    this(bind, port, sessionIdle, maxBodyBytes, secureCookies, livePoll, allowedOrigins, DocumentLinks.parse(""),
        RecalibrationSettings.defaults());
  }

  public static ServerSettings from(WorkbenchConfig config) {
    return new ServerSettings(config.get(WorkbenchOptions.SERVER_BIND), config.getInt(WorkbenchOptions.SERVER_PORT),
        Duration.ofMinutes(config.getLong(WorkbenchOptions.SERVER_SESSION_IDLE_MINUTES)),
        config.getInt(WorkbenchOptions.SERVER_MAX_BODY_BYTES), config.getBoolean(WorkbenchOptions.SERVER_SECURE_COOKIES),
        Duration.ofMillis(config.getLong(WorkbenchOptions.SERVER_LIVE_POLL_MS)),
        java.util.Arrays.stream(config.get(WorkbenchOptions.SERVER_ALLOWED_ORIGINS).split(","))
            .map(String::trim).filter(o -> !o.isEmpty()).toList(),
        DocumentLinks.parse(config.get(WorkbenchOptions.SERVER_DOCUMENT_LINKS)), RecalibrationSettings.from(config));
  }

  public ServerSettings withPort(int port) {
    return new ServerSettings(bind, port, sessionIdle, maxBodyBytes, secureCookies, livePoll, allowedOrigins,
        documentLinks, recalibration);
  }
}
