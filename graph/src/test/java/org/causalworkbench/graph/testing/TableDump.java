package org.causalworkbench.graph.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Every row of every graph table as text, in a stable order: two dumps are equal iff nothing changed. */
public final class TableDump {

  private static final List<String> TABLES = List.of("documents", "sentences", "variables", "edges", "evidence");

  private TableDump() {}

  public static String of(DataSource dataSource) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource.getConnection()) {
      for (String table : TABLES) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
              row.add(String.valueOf(rs.getObject(i)));
            }
            out.append(table).append(row).append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
