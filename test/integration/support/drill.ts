// What the two phases of the incident-session test agree on.
export const DRILL_TITLE = 'Checkout drill: error rate above 5%';
export const DRILL_NOTE = 'Rolled back checkout to v41; errors dropping';
