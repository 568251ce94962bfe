-- The broken-promises badge in the menu counts the open callbacks of one user on every page: found
-- by assignee, status and type instead of reading every open task of that user
CREATE INDEX "Task_assigneeId_status_type_idx" ON "Task"("assigneeId", "status", "type");
