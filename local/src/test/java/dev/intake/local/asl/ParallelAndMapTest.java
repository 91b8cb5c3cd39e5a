package dev.intake.local.asl;

import static dev.intake.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Output shapes and concurrency of Parallel and Map states. */
class ParallelAndMapTest {

  private static final String ADD = "arn:aws:lambda:us-east-1:123456789012:function:Add";
  private static final String SUBTRACT = "arn:aws:lambda:us-east-1:123456789012:function:Subtract";

  private final Harness harness = new Harness()
      .function(ADD, in -> json(String.valueOf(in.get("a").asInt() + in.get("b").asInt())))
      .function(SUBTRACT, in -> json(String.valueOf(in.get("a").asInt() - in.get("b").asInt())));

  private static final String FUN_WITH_MATH = """
      {"StartAt": "FunWithMath", "States": {"FunWithMath": {"Type": "Parallel", %s
        "Branches": [
          {"StartAt": "Add", "States": {"Add": {"Type": "Task", "Resource": "%s", "End": true}}},
          {"StartAt": "Subtract", "States": {"Subtract": {"Type": "Task", "Resource": "%s", "End": true}}}
        ], "End": true}}}""";

  @Test
  void parallel_specFunWithMath_outputIsArrayOfBranchOutputsInBranchOrder() {
    String asl = FUN_WITH_MATH.formatted("", ADD, SUBTRACT);

    Harness.Outcome outcome = harness.run(asl, "{\"a\": 3, \"b\": 2}");

    assertThat(outcome.output()).isEqualTo(json("[5, 1]"));
  }

  @Test
  void parallel_resultPath_mergesTheArrayIntoInput() {
    String asl = FUN_WITH_MATH.formatted("\"ResultPath\": \"$.results\",", ADD, SUBTRACT);

    Harness.Outcome outcome = harness.run(asl, "{\"a\": 3, \"b\": 2}");

    assertThat(outcome.output()).isEqualTo(json("{\"a\": 3, \"b\": 2, \"results\": [5, 1]}"));
  }

  @Test
  void parallel_branchFails_parallelFailsWithTheBranchError() {
    harness.function(SUBTRACT, in -> {
      throw new TaskFailedException("MathError", "cannot subtract");
    });
    String asl = FUN_WITH_MATH.formatted("", ADD, SUBTRACT);

    Harness.Outcome outcome = harness.run(asl, "{\"a\": 3, \"b\": 2}");

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("MathError");
    assertThat(outcome.description().cause()).isEqualTo("cannot subtract");
  }

  @Test
  void parallel_branchReachesFailState_catchOnParallelHandlesIt() {
    String asl = """
        {"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Branches": [
              {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
              {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "BranchBroke", "Cause": "bad"}}}],
            "Catch": [{"ErrorEquals": ["BranchBroke"], "ResultPath": "$.failure", "Next": "Recovered"}],
            "End": true},
          "Recovered": {"Type": "Pass", "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"in\": 1}");

    assertThat(outcome.output()).isEqualTo(json(
        "{\"in\": 1, \"failure\": {\"Error\": \"BranchBroke\", \"Cause\": \"bad\"}}"));
  }

  @Test
  void map_specShippingExample_itemSelectorWithContextAndResultPathArrayOfOutputs() {
    Harness local = new Harness().function("arn:aws:lambda:us-east-1:123456789012:function:ship-val",
        in -> json("{\"prod\": \"" + in.get("parcel").get("prod").asText() + "\", \"courier\": \""
            + in.get("courier").asText() + "\", \"index\": " + in.get("index").asInt() + "}"));
    String asl = """
        {"StartAt": "Validate-All", "States": {"Validate-All": {"Type": "Map",
          "InputPath": "$.detail", "ItemsPath": "$.shipped", "MaxConcurrency": 0,
          "ItemSelector": {"parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner",
                           "index.$": "$$.Map.Item.Index"},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Validate", "States": {
            "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship-val",
                         "End": true}}},
          "ResultPath": "$.detail.shipped", "End": true}}}""";

    Harness.Outcome outcome = local.run(asl, """
        {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS", "shipped": [
          {"prod": "R31", "dest-code": 9511, "quantity": 1344},
          {"prod": "S39", "dest-code": 9511, "quantity": 40},
          {"prod": "R40", "dest-code": 9860, "quantity": 887}]}}""");

    assertThat(outcome.output()).isEqualTo(json("""
        {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS", "shipped": [
          {"prod": "R31", "courier": "UQS", "index": 0},
          {"prod": "S39", "courier": "UQS", "index": 1},
          {"prod": "R40", "courier": "UQS", "index": 2}]}}"""));
  }

  @Test
  void map_legacyIteratorWithoutSelector_eachIterationGetsItsItem() {
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "Iterator": {"StartAt": "Wrap", "States": {"Wrap": {"Type": "Pass", "Parameters": {"v.$": "$"},
            "End": true}}}, "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"items\": [1, \"two\", {\"three\": 3}]}");

    assertThat(outcome.output()).isEqualTo(json("[{\"v\": 1}, {\"v\": \"two\"}, {\"v\": {\"three\": 3}}]"));
  }

  @Test
  void map_emptyArray_outputsEmptyArray() {
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map",
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "[]");

    assertThat(outcome.output()).isEqualTo(json("[]"));
  }

  @Test
  void map_itemsPathNotAnArray_failsWithStatesRuntimeEvenWithCatchAll() {
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"items\": \"not an array\"}");

    assertThat(outcome.error()).isEqualTo("States.Runtime");
  }

  @Test
  void map_maxConcurrencyTwo_runsTwoIterationsAtATimeNeverMore() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    CyclicBarrier pairs = new CyclicBarrier(2);
    Harness local = new Harness().function("arn:aws:lambda:local:000000000000:function:work", in -> {
      highest.accumulateAndGet(running.incrementAndGet(), Math::max);
      pairs.await(10, TimeUnit.SECONDS);
      running.decrementAndGet();
      return in;
    });
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2,
          "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task",
            "Resource": "arn:aws:lambda:local:000000000000:function:work", "End": true}}}, "End": true}}}""";

    Harness.Outcome outcome = local.run(asl, "[1, 2, 3, 4, 5, 6]");

    assertThat(outcome.output()).isEqualTo(json("[1, 2, 3, 4, 5, 6]"));
    assertThat(highest.get()).isEqualTo(2);
  }

  @Test
  void parallel_branches_runConcurrently() {
    CyclicBarrier allThree = new CyclicBarrier(3);
    Harness local = new Harness().function("arn:aws:lambda:local:000000000000:function:meet", in -> {
      allThree.await(10, TimeUnit.SECONDS);
      return in;
    });
    String branch = """
        {"StartAt": "%s", "States": {"%s": {"Type": "Task",
          "Resource": "arn:aws:lambda:local:000000000000:function:meet", "End": true}}}""";
    String asl = """
        {"StartAt": "All", "States": {"All": {"Type": "Parallel", "Branches": [%s, %s, %s], "End": true}}}"""
        .formatted(branch.formatted("A", "A"), branch.formatted("B", "B"), branch.formatted("C", "C"));

    Harness.Outcome outcome = local.run(asl, "\"x\"");

    assertThat(outcome.output()).isEqualTo(json("[\"x\", \"x\", \"x\"]"));
  }
}
