package dev.formgate.newsletter.subscription;

/** A validated sign-up request: consent was given, the list and language are known. */
public record SignUp(String email, String list, String language, String formId, RequestOrigin origin) {
}
