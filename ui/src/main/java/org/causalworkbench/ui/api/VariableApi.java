package org.causalworkbench.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.causalworkbench.graph.query.EdgeFilter;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.variables.VariableCuration;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/** Finding variables and fixing them: merge, split a surface form out, rename. */
public final class VariableApi {

  private final VariableCuration curation;
  private final GraphQueries queries;

  public VariableApi(VariableCuration curation, GraphQueries queries) {
    this.curation = curation;
    this.queries = queries;
  }

  public void register(Router router) {
    router.add("GET", "/api/variables", Role.ANALYST, this::find)
        .add("GET", "/api/variables/{id}", Role.ANALYST, this::variable)
        .add("POST", "/api/variables/{id}/merge", Role.ANALYST, this::merge)
        .add("POST", "/api/variables/{id}/rename", Role.ANALYST, this::rename)
        .add("POST", "/api/variables/split", Role.ANALYST, this::split);
  }

  private Object find(Request r) {
    String q = r.query("q");
    Page<VariableCuration.Match> page = curation.findPage(q == null ? "" : q, r.queryInt("limit", 20, 500),
        r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("variables", page.items());
    body.put("next", page.next());
    return body;
  }

  private Object variable(Request r) {
    long id = r.pathLong("id");
    VariableCuration.VariableView view;
    try {
      view = curation.variable(id);
    } catch (IllegalArgumentException e) {
      throw HttpError.notFound(e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("variable", view);
    Page<EdgeView> edges = queries.edgesPage(new EdgeFilter(null, null, null, null, null, null, null,
        view.mergedInto() != null ? view.mergedInto() : id, null, r.queryInt("edge_limit", 200, GraphApi.MAX_EDGES)),
        r.query("edges_after"));
    body.put("edges", edges.items());
    body.put("edges_next", edges.next());
    return body;
  }

  private Object merge(Request r) throws IOException {
    JsonNode body = r.body();
    JsonNode into = body.get("into");
    if (into == null || !into.canConvertToLong()) {
      throw HttpError.badRequest("field 'into' is required: the id of the variable to merge into");
    }
    return curation.merge(r.pathLong("id"), into.asLong(), r.caller().name(), Request.optionalText(body, "note"));
  }

  private Object rename(Request r) throws IOException {
    JsonNode body = r.body();
    return curation.rename(r.pathLong("id"), Request.text(body, "name").trim(), r.caller().name(),
        Request.optionalText(body, "note"));
  }

  private Object split(Request r) throws IOException {
    JsonNode body = r.body();
    return curation.split(Request.text(body, "form"), r.caller().name(), Request.optionalText(body, "note"));
  }
}
