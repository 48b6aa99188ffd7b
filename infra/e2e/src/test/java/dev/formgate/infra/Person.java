package dev.formgate.infra;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A person the end-to-end tests make up, with what of them may be stored: address, name and message text. */
record Person(String email, String name, String message) {

	static Person fresh(String kind) {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		return new Person(kind + "-" + marker + "@example.org", "Erika Muster-" + marker,
				"Bitte um Rückruf wegen Antrag " + marker);
	}

	/** What a black-box scan must not find once the person is erased, lower-cased. */
	List<String> traces() {
		return List.of(email.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT), message.toLowerCase(Locale.ROOT));
	}
}
