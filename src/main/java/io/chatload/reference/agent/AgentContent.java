package io.chatload.reference.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatload.contract.Json;
import java.util.SplittableRandom;

/**
 * What the emulated agents say: names, reasoning, tools with their parameters and results, final
 * answers. Pools are built once; per event only a pick and a concatenation happen.
 */
final class AgentContent {
  private AgentContent() {}

  static final String[] AGENTS = {"supervisor_agent", "triage_agent", "data_agent", "optimizer_agent"};

  static final String[] REASONING_OPENERS = {
    "Reading the request \"",
    "Breaking down what the user needs: \"",
    "Checking which data sources can answer \"",
    "Planning the analysis for \"",
  };
  static final String[] REASONING_CLOSERS = {
    "\" — usage metrics first, then cost breakdown.",
    "\" — need the last 30 days of spend per model.",
    "\" — comparing providers before recommending a change.",
    "\" — looking for the biggest cost drivers.",
  };

  record Tool(String name, ObjectNode parameters, String[] results) {}

  static final Tool[] TOOLS = {
    tool(
        "query_usage_metrics",
        params("time_range", "last_7_days", "granularity", "daily"),
        "Retrieved 7 days of usage: 1.24M tokens/day on average, peak on Tuesday",
        "Usage grew 38% week over week, driven by the summarisation service"),
    tool(
        "analyze_costs",
        params("group_by", "model", "period", "last_30_days"),
        "gpt-4o accounts for 61% of spend; claude-3-haiku for 9%",
        "Spend rose from $12.4k to $17.3k; 70% of the increase is long-context prompts"),
    tool(
        "fetch_model_pricing",
        params("providers", "openai,anthropic,google", "currency", "USD"),
        "Pricing table for 14 models loaded",
        "Input tokens are 4x cheaper on the mid-tier models for this workload"),
    tool(
        "compare_providers",
        params("workload", "summarisation", "metric", "cost_per_1k_requests"),
        "Switching summarisation to a smaller model saves an estimated 34%",
        "Latency stays within 5% across the three candidate providers"),
    tool(
        "forecast_spend",
        params("horizon", "next_quarter", "confidence", "0.9"),
        "Projected spend next quarter: $51k ± $4k at current growth",
        "With routing changes the projection drops to $38k"),
  };

  static final String[] ANSWERS = {
    "Your LLM spend rose mainly because of long-context prompts on gpt-4o. Routing summarisation"
        + " to a smaller model and capping context at 8k tokens should cut about a third of the cost.",
    "Three prompts account for 45% of production cost. Caching their system prompts and moving two"
        + " of them to a cheaper model keeps quality within tolerance and saves roughly $5k a month.",
    "Usage is healthy; the cost increase comes from a new batch job. Scheduling it off-peak on the"
        + " batch API halves its price with no user-visible change.",
  };

  private static Tool tool(String name, ObjectNode params, String... results) {
    return new Tool(name, params, results);
  }

  private static ObjectNode params(String k1, String v1, String k2, String v2) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    if (v1.contains(",")) {
      ArrayNode a = n.putArray(k1);
      for (String v : v1.split(",")) {
        a.add(v);
      }
    } else {
      n.put(k1, v1);
    }
    n.put(k2, v2);
    return n;
  }

  static <T> T pick(T[] pool, SplittableRandom rng) {
    return pool[rng.nextInt(pool.length)];
  }

  /** The user's request shortened for quoting; no regex, no formatting. */
  static String excerpt(String request) {
    String s = request.strip();
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
