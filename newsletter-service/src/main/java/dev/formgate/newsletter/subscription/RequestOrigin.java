package dev.formgate.newsletter.subscription;

/** Where a sign-up or confirmation came from, as far as the consent proof records it. */
public record RequestOrigin(String ip, String userAgent) {
}
