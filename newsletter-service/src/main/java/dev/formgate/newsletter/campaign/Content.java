package dev.formgate.newsletter.campaign;

/**
 * What a campaign says in one language: the subject line and the body in Markdown (raw HTML in it is held to an
 * allow-list, {@link Rendering}).
 */
public record Content(String subject, String body) {
}
