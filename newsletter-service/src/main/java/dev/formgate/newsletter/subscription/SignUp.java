package dev.formgate.newsletter.subscription;

import java.util.regex.Pattern;

/** A validated sign-up request: consent was given, the list and language are known. */
public record SignUp(String email, String list, String language, String formId, RequestOrigin origin) {

	// Pragmatic: one @, no spaces or control characters, a dot in the domain. Exotic RFC 5322 forms are refused.
	private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}<>()\\[\\],;:\"]{1,64}@[^@\\s\\p{Cntrl}<>()\\[\\],;:\"]+\\.[^@\\s\\p{Cntrl}<>()\\[\\],;:\".]{2,}");

	/** Whether the form and the staff API accept this (stripped) address. */
	public static boolean isAcceptedAddress(String address) {
		return address.length() <= 254 && EMAIL.matcher(address).matches();
	}
}
