/** Schema for the workbench domain. Empty until its first table lands; once released, append-only like every migration. */
export const sql = ``
