package dev.formgate.infra;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts a service from its extracted jar with a cache of the classes its last start loaded and linked (JDK 25: an AOT
 * cache, {@code -XX:AOTCache}; JDK 21 to 24: a CDS archive, {@code -XX:SharedArchiveFile}). The JVM can archive only
 * classes of its own class loaders, not those Spring Boot's nested-jar launcher loads, hence the extracted jar
 * ({@code java -Djarmode=tools -jar … extract}: the application jar and its libraries side by side on the class path).
 * <p>
 * The first start of a jar is the training run: it writes the cache when the service stops normally
 * ({@link ServiceProcess#close}); every later start reads it. A killed training run leaves no cache, and the next start
 * trains again. Each build of a jar gets a directory of its own (by size and time), so a cache never outlives its
 * classes; a cache the JVM finds unusable it ignores with a warning, and the service starts as without one.
 * {@code -Dformgate.service.start-cache=false} starts from the executable jar as before.
 */
final class StartCache {

	/**
	 * How a service is launched: the arguments after the JVM options, and for a training run the file it writes at
	 * exit and the cache that file becomes.
	 */
	record Launch(List<String> arguments, Path training, Path cache) {

		boolean trains() {
			return training != null;
		}

		/** After the process ended: a completed training run's file becomes the cache, a killed one's is removed. */
		void stopped(boolean normally) {
			if (training == null) {
				return;
			}
			try {
				if (normally && Files.isRegularFile(training) && Files.size(training) > 0) {
					try {
						Files.move(training, cache, StandardCopyOption.ATOMIC_MOVE);
					}
					catch (AtomicMoveNotSupportedException e) {
						Files.move(training, cache, StandardCopyOption.REPLACE_EXISTING);
					}
				}
				else {
					Files.deleteIfExists(training);
				}
			}
			catch (IOException e) {
				// no cache this time: the next start trains again
			}
		}
	}

	private StartCache() {
	}

	static boolean enabled() {
		return Boolean.parseBoolean(System.getProperty("formgate.service.start-cache", "true"));
	}

	/** The arguments after the JVM options: the cache's option, if any, and the jar to run. */
	static Launch launch(Path jar) throws IOException {
		if (!enabled()) {
			return new Launch(List.of("-jar", jar.toString()), null, null);
		}
		Path extracted = extracted(jar);
		boolean aot = Runtime.version().feature() >= 25;
		Path cache = extracted.resolveSibling(aot ? "classes.aot" : "classes.jsa");
		List<String> arguments = new ArrayList<>();
		Path training = null;
		if (Files.isRegularFile(cache)) {
			arguments.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
		}
		else {
			// Each training run writes a file of its own (two instances may train at once), kept if it completes.
			training = cache.resolveSibling("training-" + UUID.randomUUID() + (aot ? ".aot" : ".jsa"));
			arguments.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + training);
		}
		arguments.add("-jar");
		arguments.add(extracted.toString());
		return new Launch(List.copyOf(arguments), training, cache);
	}

	/** The jar extracted beside it, once per build of the jar. */
	private static Path extracted(Path jar) throws IOException {
		String file = jar.getFileName().toString();
		String stem = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
		Path directory = jar.resolveSibling("start-cache")
			.resolve(stem + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
		Path extracted = directory.resolve(file);
		synchronized (StartCache.class) {
			if (Files.isRegularFile(extracted)) {
				return extracted;
			}
			Path partial = directory.resolveSibling(directory.getFileName() + "-" + UUID.randomUUID());
			Process extract = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
					"-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", partial.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			try {
				if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
					extract.destroyForcibly();
					throw new IOException("could not extract " + jar);
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while extracting " + jar, e);
			}
			Files.move(partial, directory);
			return extracted;
		}
	}
}
