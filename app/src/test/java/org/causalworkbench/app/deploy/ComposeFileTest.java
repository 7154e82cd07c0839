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

  @Test
  void theJobAsksTheVllmServiceForTheUnitsTheTaggerIsUnsureOf() throws IOException {
    Map<String, Object> services = services();
    @SuppressWarnings("unchecked")
    String vllmCommand = String.valueOf(((Map<String, Object>) services.get("vllm")).get("command"));
    String servedModel = vllmCommand.replaceFirst("(?s).*--model\\s+(\\S+).*", "$1");
    String vllmPort = ports(services, "vllm").get(0).replaceFirst(".*:", "");
    for (String service : List.of("jobmanager", "taskmanager")) {
      Map<String, String> env = env(services, service);
      assertTrue(Set.of("llm", "cascade").contains(env.get(WorkbenchOptions.EXTRACTOR.environmentVariable())),
          service + " runs no extractor that asks the model: " + env);
      URI endpoint = URI.create(env.get(WorkbenchOptions.LLM_ENDPOINT.environmentVariable()));
      assertEquals("vllm", endpoint.getHost(), service);
      assertEquals(vllmPort, Integer.toString(endpoint.getPort()), service);
      assertEquals(servedModel, env.get(WorkbenchOptions.LLM_MODEL.environmentVariable()), service);
    }
  }

  @Test
  void kafkaIsReachableFromTheHostAsWellAsInsideTheNetwork() throws IOException {
    Map<String, Object> services = services();
    Map<String, String> kafka = env(services, "kafka");
    String advertised = kafka.get("KAFKA_ADVERTISED_LISTENERS");
    String hostListener = List.of(advertised.split(",")).stream().filter(l -> l.contains("//localhost:"))
        .findFirst().orElseThrow(() -> new AssertionError("no listener advertised to the host: " + advertised));
    String name = hostListener.substring(0, hostListener.indexOf(':'));
    String port = hostListener.substring(hostListener.lastIndexOf(':') + 1);
    assertTrue(kafka.get("KAFKA_LISTENERS").contains(name + "://:" + port), kafka.toString());
    assertTrue(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").contains(name + ":"), kafka.toString());
    assertTrue(ports(services, "kafka").contains(port + ":" + port), ports(services, "kafka").toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void imagesArePinnedAndWhatOthersWaitForHasAHealthCheck() throws IOException {
    Map<String, Object> services = services();
    for (Map.Entry<String, Object> e : services.entrySet()) {
      Map<String, Object> service = (Map<String, Object>) e.getValue();
      String image = String.valueOf(service.get("image"));
      String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
      assertTrue(!tag.isEmpty() && !tag.equals("latest"), e.getKey() + " runs an unpinned image: " + image);
      Object dependsOn = service.get("depends_on");
      if (dependsOn instanceof Map<?, ?> conditions) {
        for (Map.Entry<?, ?> d : conditions.entrySet()) {
          assertEquals("service_healthy", ((Map<String, Object>) d.getValue()).get("condition"), e.getKey());
          assertTrue(((Map<String, Object>) services.get(String.valueOf(d.getKey()))).containsKey("healthcheck"),
              e.getKey() + " waits for " + d.getKey() + ", which has no health check");
        }
      }
    }
  }
}
