package dev.formgate.mail;

import dev.formgate.events.SubjectRefs;

import java.util.Set;

/**
 * The inbox an address delivers to, for the cooldowns of mails to unconfirmed addresses only (docs/privacy.md, "One
 * inbox, one mail"): variants of one address must not each get a mail. The subjectRef, which names the person in
 * every store, is not affected: it stays the normalised address as sent.
 * <ul>
 * <li>A {@code +tag} is dropped for every domain (subaddressing, RFC 5233). Where {@code +} is part of a real
 * mailbox name, two people share a cooldown: the second waits minutes, nobody is mailed twice.</li>
 * <li>Dots in the local part are dropped only where the provider ignores them ({@code gmail.com},
 * {@code googlemail.com}, which is the same provider); elsewhere {@code a.b} and {@code ab} are different people.</li>
 * </ul>
 */
public final class Mailboxes {

	private static final Set<String> DOTS_IGNORED = Set.of("gmail.com", "googlemail.com");

	private Mailboxes() {
	}

	/** The inbox of a valid address, in its normalised form ({@link SubjectRefs#normalise}). */
	public static String of(String address) {
		String normalised = SubjectRefs.normalise(address);
		int at = normalised.lastIndexOf('@');
		String local = normalised.substring(0, at);
		String domain = normalised.substring(at + 1);
		int tag = local.indexOf('+');
		if (tag > 0) {
			local = local.substring(0, tag);
		}
		if (DOTS_IGNORED.contains(domain)) {
			local = local.replace(".", "");
			domain = "gmail.com";
		}
		return local + "@" + domain;
	}
}
