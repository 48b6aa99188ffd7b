package dev.formgate.erasure.registry;

/**
 * Published in-process after the registry stored an announcement, even an unchanged one: listeners make sure the
 * store is expected by every open request (idempotently), so a redelivered announcement repairs what a crash left.
 */
public record StoreAnnounced(String store, boolean answersRequests) {
}
