package dev.formgate.infra;

import dev.formgate.identity.IdentityProvider;
import dev.formgate.security.AdminRoles;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The local identity provider's people: one per role (named as the role), {@code all-roles} with every role, and
 * {@code no-role} with none (to see the console's refusal). Their passwords are generated on first start and kept
 * with the data ({@code identity/staff.properties}, readable by the owner only); there is no password in the code.
 */
final class DemoStaff {

	static final String ALL_ROLES = "all-roles";
	static final String NO_ROLE = "no-role";
	private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final List<IdentityProvider.User> users;

	private DemoStaff(List<IdentityProvider.User> users) {
		this.users = List.copyOf(users);
	}

	static DemoStaff loadOrCreate(Path dataDirectory) throws IOException {
		Path file = dataDirectory.resolve("identity").resolve("staff.properties");
		Properties passwords = new Properties();
		if (Files.exists(file)) {
			try (Reader in = Files.newBufferedReader(file)) {
				passwords.load(in);
			}
		}
		List<IdentityProvider.User> users = new ArrayList<>();
		boolean added = false;
		for (String role : AdminRoles.ALL.stream().sorted().toList()) {
			added |= passwords.putIfAbsent(role, password()) == null;
			users.add(new IdentityProvider.User(role, passwords.getProperty(role), "Demo " + role, List.of(role)));
		}
		added |= passwords.putIfAbsent(ALL_ROLES, password()) == null;
		users.add(new IdentityProvider.User(ALL_ROLES, passwords.getProperty(ALL_ROLES), "Demo all roles",
				AdminRoles.ALL.stream().sorted().toList()));
		added |= passwords.putIfAbsent(NO_ROLE, password()) == null;
		users.add(new IdentityProvider.User(NO_ROLE, passwords.getProperty(NO_ROLE), "Demo no role", List.of()));
		if (added) {
			Files.createDirectories(file.getParent());
			if (!Files.exists(file)) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			try (Writer out = Files.newBufferedWriter(file)) {
				passwords.store(out, "Formgate local identity provider: demo staff passwords (user = role)");
			}
		}
		return new DemoStaff(users);
	}

	private static String password() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	List<IdentityProvider.User> users() {
		return users;
	}

	String password(String username) {
		return users.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow().password();
	}
}
