package org.causalworkbench.graph.variables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the variable of each surface form (a variable name such as "cigarette smoking"), making one
 * when the form is new. A new form joins an existing variable when one of that variable's forms has
 * the same head word and is alike as a whole name: when one name's words hold the other's
 * ("cigarette smoking", "smoking"), an embedding at least {@code threshold} alike (cosine) is
 * enough; two names that each say something the other does not ("lung cancer risk", "colorectal
 * cancer risk") must be at least {@code siblingThreshold} alike, near-synonyms, since what they
 * specify is what tells the variables apart. The shared head keeps "smoking ban" away from
 * "smoking" however alike their vectors are; the similarity keeps "interest rate" away from "birth
 * rate". Without an embedder only identical names meet. Counts of mentions are kept per form.
 */
public final class VariableResolver {

  private final NameEmbedder embedder;
  private final double threshold;
  private final double siblingThreshold;

  /**
   * @param embedder null to match names exactly
   */
  public VariableResolver(NameEmbedder embedder, double threshold, double siblingThreshold) {
    this.embedder = embedder;
    this.threshold = threshold;
    this.siblingThreshold = siblingThreshold;
  }

  /** Words that turn a name into its opposite: "no crop" is not a form of "crop". */
  private static final Set<String> NEGATIONS = Set.of("no", "not", "non", "without", "never");

  /** A name's words, and whether one of them negates it. */
  private record Words(Set<String> words, boolean negated) {
    static Words of(String name) {
      Set<String> words = Set.copyOf(Arrays.asList(name.split(" ")));
      return new Words(words, words.stream().anyMatch(NEGATIONS::contains));
    }

    /**
     * Whether one name's words all occur in the other's: one is the other, more or less specified.
     * Not when only one of them is negated.
     */
    boolean nested(Words other) {
      return negated == other.negated && (words.containsAll(other.words) || other.words.containsAll(words));
    }
  }

  /** The head word of a normalised name: its last word. */
  public static String head(String name) {
    int space = name.lastIndexOf(' ');
    return space < 0 ? name : name.substring(space + 1);
  }

  /**
   * {@link #ids} and then {@link #countMentions}, in one go.
   *
   * @param mentions how many new mentions each surface form has in this batch
   * @return the variable id of every form
   */
  public Map<String, Long> resolve(Connection c, Map<String, Integer> mentions) throws SQLException {
    Map<String, Long> ids = ids(c, mentions.keySet());
    countMentions(c, mentions);
    return ids;
  }

  /**
   * The variable id of every form, new forms joining the closest variable or a new one. Takes no
   * lock on a form that exists, so parallel writers that share hub variables do not wait here.
   * New forms are placed in name order, each seeing the ones placed before it (the next name's
   * closest form may be one of this batch), and written in a few statements per batch: one round
   * trip per new name cost a batch 0.3 s while a large corpus still brought many new names.
   */
  public Map<String, Long> ids(Connection c, Collection<String> names) throws SQLException {
    Map<String, Long> ids = known(c, names.toArray());
    List<String> fresh = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      if (!ids.containsKey(name)) {
        fresh.add(name);
      }
    }
    if (fresh.isEmpty()) {
      return ids;
    }
    List<float[]> vectors = embedder == null ? null : embedder.embed(fresh);
    Map<String, List<Form>> byHead = vectors == null ? new HashMap<>() : formsWithHeads(c, fresh);
    // Each new form's variable: an existing one, or (as a name) the new variable another new form founds.
    Map<String, Long> joins = new HashMap<>();
    Map<String, String> founder = new TreeMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      String name = fresh.get(i);
      float[] vector = vectors == null ? null : vectors.get(i);
      Form closest = closest(byHead.getOrDefault(head(name), List.of()), name, vector);
      if (closest == null) {
        founder.put(name, name);
      } else if (closest.variable() != null) {
        joins.put(name, closest.variable());
      } else {
        founder.put(name, founder.get(closest.name()));
      }
      if (vector != null) {
        byHead.computeIfAbsent(head(name), h -> new ArrayList<>()).add(new Form(name, vector, joins.get(name)));
      }
    }
    Map<String, Long> created = newVariables(c, new TreeSet<>(founder.values()));
    founder.forEach((name, first) -> joins.put(name, created.get(first)));
    insertForms(c, fresh, vectors, joins);
    ids.putAll(known(c, fresh.toArray()));
    return ids;
  }

  /** A form a new name may join: its variable, or null for a form of this batch that founds a new one. */
  private record Form(String name, float[] embedding, Long variable) {}

  /** The forms, with embeddings, of unmerged variables that share a head word with one of {@code names}. */
  private static Map<String, List<Form>> formsWithHeads(Connection c, List<String> names) throws SQLException {
    Map<String, List<Form>> byHead = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT f.head, f.name, f.embedding, f.variable_id"
        + " FROM surface_forms f JOIN variables v ON v.id = f.variable_id WHERE f.head = ANY (?)"
        + " AND f.embedding IS NOT NULL AND v.merged_into IS NULL")) {
      s.setArray(1, c.createArrayOf("text", names.stream().map(VariableResolver::head).distinct().toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Float[] boxed = (Float[]) rs.getArray(3).getArray();
          float[] embedding = new float[boxed.length];
          for (int i = 0; i < boxed.length; i++) {
            embedding[i] = boxed[i];
          }
          byHead.computeIfAbsent(rs.getString(1), h -> new ArrayList<>())
              .add(new Form(rs.getString(2), embedding, rs.getLong(4)));
        }
      }
    }
    return byHead;
  }

  /** A new variable for each name, in one statement; a name a variable holds already goes one by one. */
  private static Map<String, Long> newVariables(Connection c, Set<String> names) throws SQLException {
    Map<String, Long> created = new HashMap<>();
    if (names.isEmpty()) {
      return created;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO variables (name) SELECT n FROM unnest(?::text[]) AS n"
        + " ORDER BY n ON CONFLICT (name) DO NOTHING RETURNING id, name")) {
      s.setArray(1, c.createArrayOf("text", names.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          created.put(rs.getString(2), rs.getLong(1));
        }
      }
    }
    for (String name : names) {
      if (!created.containsKey(name)) {
        created.put(name, newVariable(c, name));
      }
    }
    return created;
  }

  /** The new forms, in one statement; a form a parallel writer added meanwhile keeps that writer's variable. */
  private static void insertForms(Connection c, List<String> names, List<float[]> vectors, Map<String, Long> variables)
      throws SQLException {
    Object[] ids = new Object[names.size()];
    Object[] heads = new Object[names.size()];
    Object[] embeddings = new Object[names.size()];
    for (int i = 0; i < names.size(); i++) {
      ids[i] = variables.get(names.get(i));
      heads[i] = head(names.get(i));
      embeddings[i] = vectors == null ? null : arrayLiteral(vectors.get(i));
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO surface_forms (name, variable_id, head, embedding)"
        + " SELECT name, variable_id, head, embedding::real[] FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[])"
        + " AS t(name, variable_id, head, embedding) ORDER BY name ON CONFLICT (name) DO NOTHING")) {
      insert.setArray(1, c.createArrayOf("text", names.toArray()));
      insert.setArray(2, c.createArrayOf("bigint", ids));
      insert.setArray(3, c.createArrayOf("text", heads));
      insert.setArray(4, c.createArrayOf("text", embeddings));
      insert.executeUpdate();
    }
  }

  /** A real[] literal; Float.toString keeps every bit of the value. */
  private static String arrayLiteral(float[] vector) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < vector.length; i++) {
      b.append(i == 0 ? "" : ",").append(vector[i]);
    }
    return b.append('}').toString();
  }

  /**
   * Adds the batch's mentions to the forms' counts. The forms are locked until commit, so a writer
   * calls this last: two writers that share a hub variable then wait for each other's commit, not
   * for each other's whole batch.
   */
  public void countMentions(Connection c, Map<String, Integer> mentions) throws SQLException {
    if (mentions.isEmpty()) {
      return;
    }
    TreeMap<String, Integer> sorted = new TreeMap<>(mentions);
    // Locked in name order first: parallel writers share hub variables' forms and must not deadlock.
    try (PreparedStatement lock = c.prepareStatement(
        "SELECT name FROM surface_forms WHERE name = ANY (?) ORDER BY name FOR UPDATE")) {
      lock.setArray(1, c.createArrayOf("text", sorted.keySet().toArray()));
      lock.executeQuery().close();
    }
    try (PreparedStatement count = c.prepareStatement("UPDATE surface_forms f SET mentions = f.mentions + t.n"
        + " FROM unnest(?::text[], ?::int[]) AS t(name, n) WHERE f.name = t.name")) {
      count.setArray(1, c.createArrayOf("text", sorted.keySet().toArray()));
      count.setArray(2, c.createArrayOf("int4", sorted.values().toArray()));
      count.executeUpdate();
    }
  }

  private static Map<String, Long> known(Connection c, Object[] names) throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT name, variable_id FROM surface_forms WHERE name = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", names));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return ids;
  }

  /** The most alike of the forms (all of the name's head), if alike enough; else null. */
  private Form closest(List<Form> forms, String name, float[] vector) {
    if (vector == null) {
      return null;
    }
    Words words = Words.of(name);
    double lowest = Math.min(threshold, siblingThreshold);
    Form best = null;
    double bestScore = -1;
    for (Form form : forms) {
      double dot = 0;
      for (int i = 0; i < vector.length && i < form.embedding().length; i++) {
        dot += vector[i] * form.embedding()[i];
      }
      if (dot <= bestScore || dot < lowest) {
        continue; // cannot win, whichever threshold applies
      }
      double needed = words.nested(Words.of(form.name())) ? threshold : siblingThreshold;
      if (dot >= needed) {
        bestScore = dot;
        best = form;
      }
    }
    return best;
  }

  /** A variable named {@code name}, or {@code name (2)} and so on when a renamed variable holds it. */
  static long newVariable(Connection c, String name) throws SQLException {
    for (int n = 1; ; n++) {
      String candidate = n == 1 ? name : name + " (" + n + ")";
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO variables (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id")) {
        insert.setString(1, candidate);
        try (ResultSet rs = insert.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      // The name is taken: by this form's own variable (a concurrent writer), or by another one.
      try (PreparedStatement s = c.prepareStatement("SELECT f.variable_id FROM surface_forms f"
          + " JOIN variables v ON v.id = f.variable_id WHERE f.name = ? AND v.name = ?")) {
        s.setString(1, name);
        s.setString(2, candidate);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
    }
  }
}
