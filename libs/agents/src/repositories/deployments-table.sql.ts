/** The deployments table as other libs' set-based SQL may name it; the Deployment entity maps the same table. */
export const DEPLOYMENTS_TABLE = 'deployments';
