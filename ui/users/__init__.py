"""Login dialogs (give a login, new password or PIN); logins are managed on the staff page."""
