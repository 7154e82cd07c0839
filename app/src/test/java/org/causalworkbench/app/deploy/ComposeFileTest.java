package org.causalworkbench.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.causalworkbench.core.config.ConfigOption;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml must name the services, ports and configuration keys the application reads. */
class ComposeFileTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Object>) compose.get("services");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> services, String name) {
    Map<String, Object> service = (Map<String, Object>) services.get(name);
    Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
    return env.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  @SuppressWarnings("unchecked")
  private static List<String> ports(Map<String, Object> services, String name) {
    return (List<String>) ((Map<String, Object>) services.get(name)).getOrDefault("ports", List.of());
  }

  @Test
  void hasEveryPartOfTheClusterShape() throws IOException {
    assertEquals(Set.of("kafka", "postgres", "jobmanager", "taskmanager", "vllm", "workbench"), services().keySet());
  }

  @Test
  void everyWorkbenchVariableIsAConfigurationKey() throws IOException {
    Set<String> known = new HashSet<>();
    for (ConfigOption option : WorkbenchOptions.all()) {
      known.add(option.environmentVariable());
    }
    Map<String, Object> services = services();
    for (String service : services.keySet()) {
      for (String variable : env(services, service).keySet()) {
        if (variable.startsWith("WORKBENCH_")) {
          assertTrue(known.contains(variable), service + " sets " + variable + ", which no configuration key reads");
        }
      }
    }
  }

  @Test
  void brokerDatabaseAndServerAddressesMatchTheirServices() throws IOException {
    Map<String, Object> services = services();
    for (String service : List.of("jobmanager", "taskmanager", "workbench")) {
      Map<String, String> env = env(services, service);
      String bootstrap = env.get(WorkbenchOptions.KAFKA_BOOTSTRAP.environmentVariable());
      assertEquals("kafka:9092", bootstrap, service);
      assertTrue(env(services, "kafka").get("KAFKA_ADVERTISED_LISTENERS").contains("//" + bootstrap));

      URI jdbc = URI.create(env.get(WorkbenchOptions.JDBC_URL.environmentVariable()).substring("jdbc:".length()));
      Map<String, String> postgres = env(services, "postgres");
      assertEquals("postgres", jdbc.getHost(), service);
      assertTrue(ports(services, "postgres").contains(jdbc.getPort() + ":" + jdbc.getPort()));
      assertEquals("/" + postgres.get("POSTGRES_DB"), jdbc.getPath());
      assertEquals(postgres.get("POSTGRES_USER"), env.get(WorkbenchOptions.JDBC_USER.environmentVariable()));
      assertEquals(postgres.get("POSTGRES_PASSWORD"), env.get(WorkbenchOptions.JDBC_PASSWORD.environmentVariable()));
    }
    Map<String, String> workbench = env(services, "workbench");
    String port = workbench.get(WorkbenchOptions.SERVER_PORT.environmentVariable());
    assertEquals(WorkbenchOptions.SERVER_PORT.defaultValue(), port);
    assertTrue(ports(services, "workbench").stream().anyMatch(p -> p.endsWith(port + ":" + port)),
        ports(services, "workbench").toString());
  }
}
