/** The largest component count the form accepts: more factors than anyone can read. */
export const MAX_COMPONENTS = 100;
/** Where Hub ids are downloaded from unless the user names a mirror. */
export const HUB_HOST = 'https://huggingface.co/';
