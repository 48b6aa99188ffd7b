package dev.formgate.gateway.usage;

import dev.formgate.web.CanonicalPaths;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path the usage log, the security log and the statistics keep: the expressions now run only where they could
 * change something, and the answer is the one they gave on every path.
 */
class LoggablePathTests {

	private static final Pattern ADDRESS_SEGMENT = Pattern.compile("(?<=/)[^/]*@[^/]*");
	private static final Pattern OPAQUE_SEGMENT = Pattern.compile("(?<=/)[A-Za-z0-9_\\-.~%=]{20,}(?=/|$)");
	private static final Pattern NOT_PRINTABLE = Pattern.compile("[^\\x21-\\x7e]");

	/** The rule as it was: every expression on every path. */
	private static String asBefore(String path) {
		if (!CanonicalPaths.isCanonical(path)) {
			return "(not canonical)";
		}
		String bounded = path.length() > 200 ? path.substring(0, 200) + "…" : path;
		String redacted = bounded.indexOf('@') < 0 ? bounded : ADDRESS_SEGMENT.matcher(bounded).replaceAll("{address}");
		return NOT_PRINTABLE.matcher(OPAQUE_SEGMENT.matcher(redacted).replaceAll("{redacted}")).replaceAll("?");
	}

	@Test
	void keepsWhatTheExpressionsKept() {
		Random random = new Random(15);
		String alphabet = "/////abcXYZ019_-.~=@%é ";
		for (int i = 0; i < 50_000; i++) {
			StringBuilder path = new StringBuilder("/");
			int segments = 1 + random.nextInt(4);
			for (int s = 0; s < segments; s++) {
				int length = random.nextInt(5) == 0 ? 18 + random.nextInt(6) : random.nextInt(8);
				for (int c = 0; c < length; c++) {
					path.append(alphabet.charAt(5 + random.nextInt(alphabet.length() - 5)));
				}
				if (s < segments - 1) {
					path.append('/');
				}
			}
			String candidate = random.nextInt(50) == 0 ? path.toString().repeat(12) : path.toString();
			assertThat(UsageLog.loggablePath(candidate)).as(candidate).isEqualTo(asBefore(candidate));
		}
	}

	@Test
	void aCutPathKeepsItsMarkAsBefore() {
		String longPath = "/newsletter/" + "a".repeat(300);

		assertThat(UsageLog.loggablePath(longPath)).isEqualTo(asBefore(longPath)).endsWith("?");
	}
}
