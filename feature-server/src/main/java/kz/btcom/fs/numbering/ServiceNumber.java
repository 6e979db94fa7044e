package kz.btcom.fs.numbering;

/** An operator service number: the digits a subscriber dials from any area, and its E.164 form. */
record ServiceNumber(String dialled, String e164) {
}
