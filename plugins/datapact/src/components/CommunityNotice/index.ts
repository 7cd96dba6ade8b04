export { CommunityNotice } from './CommunityNotice';
