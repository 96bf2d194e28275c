package org.duban.http;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.duban.fault.FieldError;
import org.duban.fault.Refusal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the contract validator's output into one plain reason per field. The validator reports a
 * tree: wrapper entries ("a subschema had errors") around the real cause, a missing property at the
 * parent's location, and a declared property also listed under "additionalProperties" once it failed.
 * A person fixing a form wants the leaf: which field, and what is wrong with it. Reasons are said
 * without the client's value: a bound says the bound, a pattern names the contract's schema.
 */
final class ValidationProblems {
  private static final Pattern REQUIRED = Pattern.compile("Instance does not have required property \"([^\"]+)\"");
  private static final Pattern ADDITIONAL = Pattern.compile("Property \"([^\"]+)\" does not match additional properties schema");
  private static final Pattern PARAMETER = Pattern.compile("parameter (\\S+?)[ .]");
  private static final Pattern BOUND = Pattern.compile("^\\S+ is (less|greater) than (or equal to )?(-?[0-9][0-9.eE+-]*)");
  private static final Pattern ITEMS = Pattern.compile("^Array has too (few|many) items \\( \\+ \\S+ [<>] (\\d+)\\)");
  private static final Pattern NAMED_SCHEMA = Pattern.compile("#(/components/schemas/.+)/pattern$");

  private ValidationProblems() {
  }

  /**
   * What each string pattern of the contract's schemas asks for, in the words of the schema's own
   * description, by the pattern's location ({@code /components/schemas/ReminderPolicy/$defs/localTime}):
   * a person reads "a local time of day, HH:mm", not a regular expression.
   */
  static Map<String, String> formsOf(JsonObject contract) {
    Map<String, String> forms = new HashMap<>();
    JsonObject schemas = contract.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    collectForms(schemas, "/components/schemas", forms);
    return forms;
  }

  private static void collectForms(JsonObject node, String at, Map<String, String> into) {
    if (node.getValue("pattern") instanceof String && node.getValue("description") instanceof String description) {
      into.put(at, description.strip());
    }
    node.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject child) collectForms(child, at + "/" + entry.getKey(), into);
    });
  }

  static Refusal from(ValidatorException e, Map<String, String> forms) {
    String parameter = parameterOf(e);
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      List<OutputUnit> leaves = new ArrayList<>();
      collectLeaves(schema.getOutputUnit(), leaves);
      List<FieldError> violations = simplify(leaves, parameter, forms);
      if (!violations.isEmpty()) return Refusal.invalid(violations);
    }
    return Refusal.invalid(parameter, e.getMessage());
  }

  private static void collectLeaves(OutputUnit unit, List<OutputUnit> into) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) unit.getErrors().forEach(child -> collectLeaves(child, into));
    else if (unit.getError() != null) into.add(unit);
  }

  /** One reason per field, the most specific one the validator gave. */
  private static List<FieldError> simplify(List<OutputUnit> leaves, String parameter, Map<String, String> forms) {
    Map<String, String> generic = new LinkedHashMap<>();
    Map<String, String> specific = new LinkedHashMap<>();
    for (OutputUnit leaf : leaves) {
      String location = location(leaf, parameter);
      String error = leaf.getError();
      Matcher required = REQUIRED.matcher(error);
      Matcher additional = ADDITIONAL.matcher(error);
      if (required.find()) specific.putIfAbsent(child(location, required.group(1)), "is required");
      else if (additional.find()) generic.putIfAbsent(propertyAt(location, additional.group(1)), "is not a known field");
      else if (isWrapper(error)) generic.putIfAbsent(location, error);
      else specific.putIfAbsent(location, plain(leaf, forms));
    }
    // a wrapper around a field that has its own reason says nothing more about it
    generic.forEach((location, reason) -> {
      if (specific.keySet().stream().noneMatch(field -> within(field, location))) specific.putIfAbsent(location, reason);
    });
    return specific.entrySet().stream().map(entry -> new FieldError(entry.getKey(), entry.getValue())).toList();
  }

  private static boolean isWrapper(String error) {
    return error.contains("does not match schema") || error.contains("subschema had errors") || error.contains("does not match the format")
        || error.equals("Items did not match schema");
  }

  private static boolean within(String field, String location) {
    return field.equals(location) || location.isEmpty() || field.startsWith(location + "/");
  }

  /** The validator's words where they are plain and name no client value; a bound or a count by its limit, a pattern by its schema. */
  private static String plain(OutputUnit leaf, Map<String, String> forms) {
    String error = leaf.getError();
    Matcher bound = BOUND.matcher(error);
    if (bound.find()) {
      boolean below = bound.group(1).equals("less");
      boolean exclusive = bound.group(2) != null;
      return (below ? (exclusive ? "must be more than " : "must be at least ") : (exclusive ? "must be less than " : "must be at most "))
          + bound.group(3);
    }
    Matcher items = ITEMS.matcher(error);
    if (items.find()) return "must have at " + (items.group(1).equals("few") ? "least " : "most ") + items.group(2) + " items";
    if (error.startsWith("String does not match pattern")) {
      Matcher named = NAMED_SCHEMA.matcher(String.valueOf(leaf.getAbsoluteKeywordLocation()));
      String form = named.find() ? forms.get(named.group(1)) : null;
      return form != null ? "must be " + lowerFirst(form) : "does not have the form its schema gives";
    }
    return error;
  }

  /** "A local time of day, HH:mm." reads as "must be a local time of day, HH:mm". */
  private static String lowerFirst(String description) {
    String text = description.endsWith(".") ? description.substring(0, description.length() - 1) : description;
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static String location(OutputUnit leaf, String parameter) {
    String location = leaf.getInstanceLocation() == null ? "" : leaf.getInstanceLocation().replaceFirst("^#", "");
    return location.isEmpty() && !parameter.isEmpty() ? parameter : location;
  }

  private static String child(String location, String name) {
    return location + "/" + name;
  }

  /** Some entries already point at the property itself, others at the object holding it. */
  private static String propertyAt(String location, String name) {
    return location.endsWith("/" + name) ? location : child(location, name);
  }

  /** Query, path and header values are named by their parameter name; body fields by JSON pointer. */
  private static String parameterOf(ValidatorException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("request body")) return "";
    Matcher matcher = PARAMETER.matcher(message + " ");
    return matcher.find() ? matcher.group(1) : "";
  }
}
