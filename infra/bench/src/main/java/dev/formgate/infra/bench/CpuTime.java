package dev.formgate.infra.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time a process has used so far (user and system, all its threads), as Linux counts it in /proc. */
final class CpuTime {

	/** Clock ticks per second of /proc's counters (USER_HZ); 100 on every Linux architecture Formgate runs on. */
	private static final double TICKS_PER_SECOND = 100;

	private CpuTime() {
	}

	/** The CPU milliseconds the processes have used so far, added up. */
	static double millis(List<Long> pids) {
		double ticks = 0;
		for (long pid : pids) {
			ticks += ticks(pid);
		}
		return ticks * 1000 / TICKS_PER_SECOND;
	}

	private static long ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// after the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
