package io.chatload.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The workflows' structure: a broken edit fails the build, not the night. */
class WorkflowsTest {
  private static final Path DIR = Path.of(System.getProperty("chatload.projectDir", "."), ".github", "workflows");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode load(String file) throws Exception {
    return YAML.readTree(DIR.resolve(file).toFile());
  }

  private static List<JsonNode> steps(JsonNode workflow, String job) {
    List<JsonNode> out = new ArrayList<>();
    workflow.path("jobs").path(job).path("steps").forEach(out::add);
    assertFalse(out.isEmpty(), "job " + job + " has steps");
    return out;
  }

  private static JsonNode step(List<JsonNode> steps, String usesOrRunFragment) {
    return steps.stream()
        .filter(s -> s.path("uses").asText().contains(usesOrRunFragment) || s.path("run").asText().contains(usesOrRunFragment))
        .findFirst().orElseThrow(() -> new AssertionError("no step with " + usesOrRunFragment));
  }

  @Test
  void ciRunsTheReadmeTestCommandOnJava17AndKeepsReportsOfFailures() throws Exception {
    JsonNode ci = load("ci.yml");
    assertTrue(ci.path("on").has("push") && ci.path("on").has("pull_request"), "push and pull_request");
    List<JsonNode> steps = steps(ci, "verify");
    JsonNode java = step(steps, "actions/setup-java");
    assertEquals("17", java.path("with").path("java-version").asText());
    assertEquals("maven", java.path("with").path("cache").asText());
    assertEquals("./mvnw -B verify", step(steps, "mvnw").path("run").asText().trim());
    JsonNode pack = step(steps, "enterprise-rehearsal.sh");
    assertEquals("bench/enterprise-rehearsal.sh package", pack.path("run").asText().trim(), "the Enterprise package is built and checked");
    assertTrue(steps.indexOf(step(steps, "mvnw")) < steps.indexOf(pack), "after the tests");
    assertTrue(Files.readString(Path.of(System.getProperty("chatload.projectDir", "."), ".ci", "run")).contains("./mvnw -B verify"),
        ".ci/run runs the same command");
    JsonNode upload = step(steps, "actions/upload-artifact");
    assertEquals("failure()", upload.path("if").asText());
    assertTrue(upload.path("with").path("path").asText().contains("target/gatling"));
    // the unit tests' reports and the whole-simulation tests' (*IT, Failsafe)
    assertTrue(upload.path("with").path("path").asText().contains("target/surefire-reports"));
    assertTrue(upload.path("with").path("path").asText().contains("target/failsafe-reports"));
  }

  @Test
  void nightlyRunsTheLoadTestAndPublishesItsVerdict() throws Exception {
    JsonNode nightly = load("nightly-performance.yml");
    assertTrue(nightly.path("on").path("schedule").isArray(), "scheduled");
    JsonNode inputs = nightly.path("on").path("workflow_dispatch").path("inputs");
    for (String input : List.of("simulation", "target", "users", "duration")) {
      assertTrue(inputs.has(input), "dispatch input " + input);
    }
    assertEquals("EnterpriseLoad", inputs.path("simulation").path("default").asText());
    List<JsonNode> steps = steps(nightly, "load-test");
    assertEquals("25", step(steps, "actions/setup-java").path("with").path("java-version").asText(),
        "the load runs on the recommended JDK (docs/INJECTOR.md); CI builds and tests on 17");
    String run = step(steps, "gatling:test").path("run").asText();
    assertTrue(run.contains("./mvnw \"${args[@]}\"") && run.contains("-B gatling:test \"-Dsimulation=${SIMULATION}\""), run);
    assertTrue(run.contains("-Dbaseline=baseline/sla-summary.json"), "compares with last night");
    assertTrue(run.contains("-Dusers=${USERS}") && run.contains("-Dhold=${DURATION}"), run);
    JsonNode summary = step(steps, "GITHUB_STEP_SUMMARY");
    assertTrue(summary.path("if").asText().contains("always()"), "the summary is written even when the SLA fails");
    assertTrue(summary.path("run").asText().contains("sla-summary.md"));
    long alwaysUploads = steps.stream()
        .filter(s -> s.path("uses").asText().startsWith("actions/upload-artifact") && s.path("if").asText().contains("always()")).count();
    assertEquals(3, alwaysUploads, "the run folder, the next baseline and the run history are always uploaded");
    assertTrue(step(steps, "junit-report").path("with").path("report_paths").asText().endsWith("sla-junit.xml"));
  }

  @Test
  void nightlyCarriesTheRunHistoryForward() throws Exception {
    List<JsonNode> steps = steps(load("nightly-performance.yml"), "load-test");
    String artifact = "sla-history-${{ env.SIMULATION }}-${{ env.TARGET }}";
    JsonNode fetch = steps.stream().filter(s -> s.path("with").path("name").asText().equals(artifact) && s.path("uses").asText().contains("download-artifact"))
        .findFirst().orElseThrow(() -> new AssertionError("the history is fetched"));
    assertEquals("history", fetch.path("with").path("path").asText());
    assertEquals("completed", fetch.path("with").path("workflow_conclusion").asText(), "breached nights (failed runs) count too");
    assertTrue(fetch.path("continue-on-error").asBoolean(), "the first night has no history");
    int fetchAt = steps.indexOf(fetch);
    JsonNode run = step(steps, "gatling:test");
    assertTrue(run.path("run").asText().contains("-Dhistory=history"), "the run appends to it");
    JsonNode keep = steps.stream().filter(s -> s.path("with").path("name").asText().equals(artifact) && s.path("uses").asText().startsWith("actions/upload-artifact"))
        .findFirst().orElseThrow(() -> new AssertionError("the history is uploaded"));
    assertEquals("history/sla-history.jsonl", keep.path("with").path("path").asText());
    assertTrue(keep.path("if").asText().contains("always()"), "a breached night is kept");
    assertTrue(keep.path("with").path("retention-days").asInt() >= 30, "longer than the 30 runs the page charts");
    assertTrue(fetchAt < steps.indexOf(run) && steps.indexOf(run) < steps.indexOf(keep), "fetch, run, keep");
  }

  @Test
  void secretsComeOnlyFromRepositorySecrets() throws Exception {
    Pattern literalJwt = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}");
    for (String file : List.of("ci.yml", "nightly-performance.yml")) {
      String text = Files.readString(DIR.resolve(file));
      assertFalse(literalJwt.matcher(text).find(), file + " holds a token");
      Matcher m = Pattern.compile("(?m)^\\s*(JWT_SECRET_KEY|E2E_OAUTH_SIMULATION_KEY|LOADTEST_PASSWORD|GATLING_ENTERPRISE_API_TOKEN):\\s*(.*)$").matcher(text);
      while (m.find()) {
        assertEquals("${{ secrets." + m.group(1) + " }}", m.group(2).trim(), file + ": " + m.group(1) + " must come from secrets");
      }
    }
  }

  @Test
  void nightlyCanRunOnGatlingEnterpriseAndFailsOnItsVerdict() throws Exception {
    JsonNode nightly = load("nightly-performance.yml");
    JsonNode runner = nightly.path("on").path("workflow_dispatch").path("inputs").path("runner");
    assertEquals("choice", runner.path("type").asText());
    assertEquals(List.of("local", "enterprise"), List.of(runner.path("options").get(0).asText(), runner.path("options").get(1).asText()));
    assertEquals("local", runner.path("default").asText(), "the scheduled night runs where it always did");
    JsonNode env = nightly.path("jobs").path("load-test").path("env");
    assertEquals("${{ inputs.runner || 'local' }}", env.path("RUNNER").asText(), "a scheduled run has no inputs");
    assertEquals("${{ secrets.GATLING_ENTERPRISE_API_TOKEN }}", env.path("GATLING_ENTERPRISE_API_TOKEN").asText());
    List<JsonNode> steps = steps(nightly, "load-test");
    JsonNode local = step(steps, "gatling:test");
    assertEquals("env.RUNNER == 'local'", local.path("if").asText());
    JsonNode enterprise = step(steps, "gatling:enterpriseStart");
    assertEquals("env.RUNNER == 'enterprise'", enterprise.path("if").asText());
    String run = enterprise.path("run").asText();
    assertTrue(run.contains("-Dgatling.enterprise.waitForRunEnd=true"), "a breached assertion fails the job: " + run);
    assertTrue(run.contains("\"-Dgatling.enterprise.simulationName=${SIMULATION}\""), run);
    assertFalse(run.contains("gatling:test"), "one runner per night");
    assertTrue(steps.indexOf(local) < steps.indexOf(enterprise), "both before the report steps");
  }
}
