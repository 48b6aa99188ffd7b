/** The evidence log: client addresses kept apart from the comments, disclosed only on a recorded reason, purged after their period. */
package dev.formgate.comment.evidence;
