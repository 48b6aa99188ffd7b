package dev.formgate.contact.request;

import java.time.Instant;

/** Keeps a request beyond its retention period for a legal reason (e.g. pending proceedings), until released. */
public record LegalHold(String reason, Instant since, String by) {
}
