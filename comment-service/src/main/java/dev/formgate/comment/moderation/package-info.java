/** The moderators' admin API: the queue, publishing, rejecting and removing, one by one or in bulk. */
package dev.formgate.comment.moderation;
