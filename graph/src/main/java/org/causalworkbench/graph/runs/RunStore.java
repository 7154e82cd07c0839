package org.causalworkbench.graph.runs;

import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.PageCursor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongPredicate;
import javax.sql.DataSource;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.graph.store.StoreException;

/** The store's record of job runs: opened when a run starts, updated as it reads, closed when it ends. */
public final class RunStore {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final DataSource dataSource;
  private final Json json = new Json();

  public RunStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens the record of a run starting now in this process.
   *
   * @param settings the configuration that shapes verdicts; its hash is the run's configuration hash
   */
  /**
   * @param inThisProcess whether this process runs the job to its end (a local run), so that a
   *     later run on this host may close the record as killed once the process is gone; false for a
   *     job handed to a cluster
   */
  public RunRecord start(String command, String codeVersion, Map<String, String> settings, boolean inThisProcess) {
    Instant now = Instant.now();
    String id = "run-" + ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 6);
    String host = hostName();
    long pid = inThisProcess ? ProcessHandle.current().pid() : 0;
    Map<String, String> sorted = new TreeMap<>(settings);
    String hash = hash(sorted);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, command, started_at, outcome, host, pid,"
            + " code_version, config_hash, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
      s.setString(1, id);
      s.setString(2, command);
      s.setTimestamp(3, Timestamp.from(now));
      s.setString(4, RunRecord.RUNNING);
      s.setString(5, host);
      s.setLong(6, pid);
      s.setString(7, codeVersion);
      s.setString(8, hash);
      s.setString(9, json.writeString(sorted));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot record the start of run " + id, e);
    }
    return new RunRecord(id, command, now, null, RunRecord.RUNNING, host, pid, codeVersion, hash, sorted, null,
        RunRecord.Progress.NONE, List.of(), null);
  }

  /** The checkpoint the run resumed from, known once its job has started. */
  public void resumedFrom(String runId, String checkpoint) {
    update("UPDATE runs SET resumed_from = ? WHERE id = ?", runId, s -> s.setString(1, checkpoint));
  }

  /** The run's latest progress report. */
  public void progress(String runId, RunRecord.Progress progress) {
    update("UPDATE runs SET documents_in = ?, documents_done = ?, documents_total = ?, sentences = ?, progress = ?,"
        + " progress_at = now() WHERE id = ?", runId, s -> {
          s.setLong(1, progress.documentsIn());
          s.setLong(2, progress.documentsDone());
          s.setLong(3, progress.documentsTotal());
          s.setLong(4, progress.sentences());
          s.setString(5, progress.line());
        });
  }

  /** Closes the record: how it ended, and why it failed when it did. */
  public void finish(String runId, String outcome, String failure) {
    update("UPDATE runs SET outcome = ?, ended_at = now(), failure = ? WHERE id = ?", runId, s -> {
      s.setString(1, outcome);
      s.setString(2, failure);
    });
  }

  /**
   * Runs of this host still marked running whose process is gone (killed, or the machine stopped)
   * become {@code killed}; returns how many.
   */
  public int closeAbandoned(LongPredicate processAlive) {
    String host = hostName();
    List<String> gone = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id, pid FROM runs WHERE outcome = ? AND host = ? AND pid > 0")) {
      s.setString(1, RunRecord.RUNNING);
      s.setString(2, host);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (!processAlive.test(rs.getLong(2))) {
            gone.add(rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the open runs", e);
    }
    for (String id : gone) {
      update("UPDATE runs SET outcome = '" + RunRecord.KILLED + "', failure = ? WHERE id = ?", id,
          s -> s.setString(1, "its process ended without closing the run"));
    }
    return gone.size();
  }

  /** The newest runs first. */
  public List<RunRecord> list(int limit) {
    return page(limit, null).items();
  }

  private static final String LIST = "runs";

  /** A page of the runs, newest first, from after {@code cursor} (a previous page's {@code next}). */
  public Page<RunRecord> page(int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor, LIST, 1);
    int n = Math.max(1, limit);
    // The cursor is the last run's id; its start time is read here, so the key stays one value.
    List<RunRecord> rows = select((after == null ? "" : "WHERE (started_at, id) < (SELECT started_at, id FROM runs"
        + " WHERE id = ?) ") + "ORDER BY started_at DESC, id DESC LIMIT " + (n + 1), after == null ? null : after.text(0));
    return Page.of(rows, n, r -> PageCursor.of(LIST, r.id()));
  }

  public Optional<RunRecord> find(String id) {
    return select("WHERE id = ?", id).stream().findFirst();
  }

  private static final String SELECT = "SELECT id, command, started_at, ended_at, outcome, host, pid, code_version,"
      + " config_hash, settings::text, resumed_from, documents_in, documents_done, documents_total, sentences, progress,"
      + " progress_at, failure, (SELECT coalesce(json_agg(json_build_object('id', p.judge_id, 'version',"
      + " p.judge_version, 'evidence', p.evidence) ORDER BY p.judge_id, p.judge_version), '[]') FROM run_producers p"
      + " WHERE p.run_id = runs.id)::text FROM runs ";

  private List<RunRecord> select(String clause, String id) {
    List<RunRecord> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT + clause)) {
      if (id != null) {
        s.setString(1, id);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new RunRecord(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4), rs.getString(5),
              rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), json.read(rs.getString(10), STRINGS),
              rs.getString(11), new RunRecord.Progress(rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15),
                  rs.getString(16), instant(rs, 17)),
              List.of(json.read(rs.getString(19), RunRecord.Producer[].class)), rs.getString(18)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read runs", e);
    }
    return out;
  }

  private static final Class<Map<String, String>> STRINGS = stringMap();

  @SuppressWarnings("unchecked")
  private static Class<Map<String, String>> stringMap() {
    return (Class<Map<String, String>>) (Class<?>) Map.class;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  /** Runs an update whose last parameter is the run id. */
  private void update(String sql, String runId, Binder binder) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      s.setString(s.getParameterMetaData().getParameterCount(), runId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot update run " + runId, e);
    }
  }

  /** SHA-256 of the settings as sorted key=value lines. */
  static String hash(Map<String, String> sortedSettings) {
    StringBuilder text = new StringBuilder();
    sortedSettings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
