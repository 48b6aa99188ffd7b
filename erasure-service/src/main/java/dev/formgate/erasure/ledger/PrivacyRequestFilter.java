package dev.formgate.erasure.ledger;

/**
 * Which requests the privacy officer wants to see; every part is optional.
 *
 * @param overdue only open requests past their due date
 */
public record PrivacyRequestFilter(RequestState state, RequestType type, boolean overdue) {
}
