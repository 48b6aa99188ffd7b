/** Mails to addresses nobody has confirmed: which inbox an address delivers to, and one mail per inbox and cooldown. */
package dev.formgate.mail;
