package dev.intake.local.asl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Task state's Resource names, after definition substitutions. */
sealed interface TaskResource {

  /** The optimized Lambda integration; Parameters carry FunctionName and Payload. */
  record LambdaInvoke() implements TaskResource {
  }

  /** A Lambda function ARN used directly as the Resource (the legacy form). */
  record Function(String arn) implements TaskResource {
  }

  /** A request-response service integration such as {@code sns:publish}. */
  record Service(String service, String action) implements TaskResource {

    String key() {
      return service + ":" + action;
    }
  }

  Pattern SERVICE = Pattern.compile("arn:[a-z-]+:states:::([a-z0-9-]+):([A-Za-z0-9.]+)");
  Pattern FUNCTION = Pattern.compile("arn:[a-z-]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?");

  /** Parses a Resource; the message of the exception says why it is not supported. */
  static TaskResource parse(String resource) {
    Matcher service = SERVICE.matcher(resource);
    if (service.matches()) {
      String action = service.group(2);
      if (action.endsWith(".sync") || action.contains(".sync:") || action.endsWith(".waitForTaskToken")) {
        throw new IllegalArgumentException("integration pattern of '" + resource
            + "' is not supported by the local runner (only request-response)");
      }
      if (service.group(1).equals("lambda") && action.equals("invoke")) {
        return new LambdaInvoke();
      }
      return new Service(service.group(1), action);
    }
    if (FUNCTION.matcher(resource).matches()) {
      return new Function(resource);
    }
    if (resource.contains(":activity:")) {
      throw new IllegalArgumentException("activities ('" + resource + "') are not supported by the local runner");
    }
    throw new IllegalArgumentException("Resource '" + resource + "' is neither a Lambda function ARN nor "
        + "arn:aws:states:::<service>:<action>");
  }
}
