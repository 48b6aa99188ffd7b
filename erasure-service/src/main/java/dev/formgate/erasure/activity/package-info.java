/** The privacy office's accountability figures (Art. 5(2), 7(1) GDPR): consents and contact requests counted per day from the services' events, without any subjectRef. */
package dev.formgate.erasure.activity;
