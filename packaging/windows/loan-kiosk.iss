; Inno Setup 6 script: the Windows installer of Loan Kiosk.
;
;   ISCC /DAppVersion=0.1.0 packaging\windows\loan-kiosk.iss      (packaging/build-windows.sh runs it)
;
; Installs dist\loan-kiosk\ (PyInstaller's one-folder build of packaging/loan-kiosk.spec) for
; every user of the machine in C:\Program Files\Loan Kiosk, with Start-menu entries and an
; uninstaller (Settings > Apps, or the Start menu). Installing needs an administrator.
;
; The data is each user's own and is never touched here: the database, documents, backups
; and settings live in %LOCALAPPDATA%\loan-kiosk (platformdirs' user data folder), which the
; installer does not create and the uninstaller does not delete; installing a newer version
; over an older one keeps it too (the database is upgraded when the new version opens it).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Loan Kiosk"
#define AppExe "loan-kiosk.exe"
#define Root AddBackslash(SourcePath) + "..\.."

[Setup]
; one AppId for every version, so a new version upgrades the old in place
AppId={{F64213AD-1BB6-4E18-ABC9-B341B7558769}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Loan Kiosk
VersionInfoVersion={#AppVersion}
; per machine: Program Files and the all-users Start menu
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; a desk left open is closed before its files are replaced
CloseApplications=yes
OutputDir={#Root}\dist
OutputBaseFilename=loan-kiosk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole bundle; files of an older version that this one no longer has are removed below
Source: "{#Root}\dist\loan-kiosk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade starts from a clean program folder (never the data: that is not in {app})
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Lend and take back school equipment"
Name: "{autoprograms}\{#AppName} (demo school)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Comment: "Try Loan Kiosk on a demo school (its own database)"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Messages]
UninstalledAll=%1 was removed from your computer.%n%nYour Loan Kiosk data (the database, receipts, backups and settings in each user's AppData\Local\loan-kiosk folder) was kept. Delete that folder yourself only if the school no longer needs those records.
