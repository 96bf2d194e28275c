package org.duban.fault;

/**
 * One reason a field was refused.
 *
 * @param field a JSON pointer into the request or document ({@code /holidays/2/from}), or a
 *              parameter's name ({@code cursor}, {@code Idempotency-Key}); never empty where a field is known
 * @param reason readable English, such as {@code must be a date in yyyy-MM-dd form}
 */
public record FieldError(String field, String reason) {
}
