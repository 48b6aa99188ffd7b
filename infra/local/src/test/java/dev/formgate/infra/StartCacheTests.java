package dev.formgate.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartCacheTests {

	@TempDir
	Path directory;

	@Test
	void aTrainingRunThatStoppedNormallyLeavesItsFileAsTheCache() throws IOException {
		Path training = Files.writeString(directory.resolve("training-1.aot"), "classes");
		Path cache = directory.resolve("classes.aot");

		new StartCache.Launch(List.of(), training, cache).stopped(true);

		assertThat(cache).hasContent("classes");
		assertThat(training).doesNotExist();
	}

	@Test
	void aKilledTrainingRunLeavesNoCache() throws IOException {
		Path training = Files.writeString(directory.resolve("training-1.aot"), "half");
		Path cache = directory.resolve("classes.aot");

		new StartCache.Launch(List.of(), training, cache).stopped(false);

		assertThat(cache).doesNotExist();
		assertThat(training).doesNotExist();
	}

	@Test
	void startsFromTheExecutableJarWhenTheCacheIsTurnedOff() throws IOException {
		System.setProperty("formgate.service.start-cache", "false");
		try {
			Path jar = Files.writeString(directory.resolve("service-exec.jar"), "");

			StartCache.Launch launch = StartCache.launch(jar);

			assertThat(launch.arguments()).containsExactly("-jar", jar.toString());
			assertThat(launch.trains()).isFalse();
		}
		finally {
			System.clearProperty("formgate.service.start-cache");
		}
	}
}
