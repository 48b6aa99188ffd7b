package dev.formgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads every log the stack's services wrote: no e-mail address of a test subject (all live at example.org or
 * evil.example), no value a test posted to be refused (each carries {@link #POSTED}), and no full client address
 * outside the gateway's security log. Anonymised addresses end in {@code .0.0}; the stack's own loopback address is
 * not a client's.
 */
final class LogAudit {

	static final Pattern SUBJECT_ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@(example\\.org|evil\\.example)");
	/** Carried by every value the end-to-end tests post to be refused (tokens, names, fields): no log may show it. */
	static final String POSTED = "postedvalue";
	static final Pattern FULL_IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	private LogAudit() {
	}

	static void assertNoPersonalData(LocalStack stack) {
		List<String> findings = new ArrayList<>();
		try (Stream<Path> logs = Files.list(stack.logDirectory())) {
			for (Path log : logs.toList()) {
				String name = log.getFileName().toString();
				String text = Files.readString(log);
				SUBJECT_ADDRESS.matcher(text).results().limit(3)
					.forEach(m -> findings.add(name + ": e-mail address " + m.group()));
				if (text.contains(POSTED)) {
					findings.add(name + ": a posted value, line " + (text.lines()
						.takeWhile(line -> !line.contains(POSTED)).count() + 1));
				}
				if (!name.contains("-security.log")) {
					Matcher ip = FULL_IPV4.matcher(text);
					while (ip.find() && findings.size() < 20) {
						if (isClientAddress(ip)) {
							findings.add(name + ": full address " + ip.group());
						}
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertThat(findings).as("personal data in the services' logs").isEmpty();
	}

	private static boolean isClientAddress(Matcher ip) {
		boolean anonymised = ip.group(3).equals("0") && ip.group(4).equals("0");
		boolean loopbackOrAny = ip.group(1).equals("127") || ip.group().equals("0.0.0.0");
		return !anonymised && !loopbackOrAny;
	}
}
