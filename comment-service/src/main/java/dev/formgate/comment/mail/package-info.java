/** The notice to an author who asked to be told when their comment is published. */
package dev.formgate.comment.mail;
