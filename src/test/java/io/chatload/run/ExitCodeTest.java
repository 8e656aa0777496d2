package io.chatload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's exit-code table lists exactly the codes a run can end with, in order. */
class ExitCodeTest {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|");

  @Test
  void theReadmeTableListsExactlyTheseCodes() throws Exception {
    List<String> readme = Files.readAllLines(Path.of(System.getProperty("chatload.projectDir", "."), "README.md"));
    int heading = readme.indexOf("### Exit codes");
    assertFalse(heading < 0, "README.md has no '### Exit codes' section");
    List<Integer> listed = new ArrayList<>();
    for (String line : readme.subList(heading + 1, readme.size())) {
      if (line.startsWith("#")) {
        break; // the next section
      }
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        listed.add(Integer.parseInt(m.group(1)));
      }
    }
    assertEquals(Arrays.stream(ExitCode.values()).map(ExitCode::code).toList(), listed);
  }
}
