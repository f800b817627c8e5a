@echo off
rem `castor` from an installed Castor: the bundled command line run by Castor.exe as plain Node
rem (ELECTRON_RUN_AS_NODE=1), with the better-sqlite3 built for it. Add this folder to your PATH to type `castor`.
setlocal
set "CASTOR_RESOURCES_DIR=%~dp0.."
set ELECTRON_RUN_AS_NODE=1
set "CASTOR_SQLITE_BINDING=%CASTOR_RESOURCES_DIR%\native\better_sqlite3.node"
"%CASTOR_RESOURCES_DIR%\..\Castor.exe" "%CASTOR_RESOURCES_DIR%\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
