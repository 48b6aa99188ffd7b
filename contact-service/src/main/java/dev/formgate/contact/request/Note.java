package dev.formgate.contact.request;

import java.time.Instant;

/** An internal note by staff; never shown to the sender, deleted with the request. */
public record Note(String noteId, Instant at, String author, String text) {
}
