/** The retention job: evidence past its period, comments nobody moderated. */
package dev.formgate.comment.retention;
