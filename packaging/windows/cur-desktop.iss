; Inno Setup 6 script of the Windows installer of cur-desktop (per-machine, Russian).
;
; Built by the Windows CI workflow (.github/workflows/windows.yml) after
;   python packaging\build.py windows-defines --out build\windows\defines.iss
;   python packaging\build.py bundle
; from the repository root:  iscc packaging\windows\cur-desktop.iss
; The launchers, the version and the executable's name come from defines.iss, generated
; from packaging/curpack/manifest.py: the same list the Linux .deb's menu entries use.
;
; Presets: a preset.toml (and the CA certificate it names) laid beside the installer
; is copied to %ProgramData%\cur-desktop\, where the app looks for it
; (cur_desktop/preset.py). Silent install for the centre's deployment tools:
;   cur-desktop-setup-<version>.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#include "..\..\build\windows\defines.iss"
#define Root "..\.."
#define Bundle Root + "\dist\" + AppName
#define Icons Root + "\build\windows\icons"

[Setup]
AppId={{6F0B6C2E-6C1B-4C55-9D0E-2D3B1C7A9E41}
AppName=ЦУР: пульт оператора и видеостена
AppVersion={#AppVersion}
AppVerName=ЦУР: пульт оператора и видеостена {#AppVersion}
AppPublisher=Центр управления регионом
VersionInfoVersion={#AppVersionNumeric}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName=ЦУР
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-setup-{#AppVersion}
SetupIconFile={#Icons}\{#ConsoleIcon}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=ЦУР: пульт оператора и видеостена
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Icons}\{#ConsoleIcon}"; DestDir: "{app}\icons"; Flags: ignoreversion
Source: "{#Icons}\{#WallIcon}"; DestDir: "{app}\icons"; Flags: ignoreversion
; the centre's preset and its CA certificate, when laid beside the installer
Source: "{src}\preset.toml"; DestDir: "{commonappdata}\{#AppName}"; Flags: external skipifsourcedoesntexist ignoreversion
Source: "{src}\*.pem"; DestDir: "{commonappdata}\{#AppName}"; Flags: external skipifsourcedoesntexist ignoreversion
Source: "{src}\*.crt"; DestDir: "{commonappdata}\{#AppName}"; Flags: external skipifsourcedoesntexist ignoreversion

[Icons]
Name: "{group}\{#ConsoleName}"; Filename: "{app}\{#AppExe}"; Parameters: "{#ConsoleArgs}"; IconFilename: "{app}\icons\{#ConsoleIcon}"; Comment: "{#ConsoleComment}"
Name: "{group}\{#WallName}"; Filename: "{app}\{#AppExe}"; Parameters: "{#WallArgs}"; IconFilename: "{app}\icons\{#WallIcon}"; Comment: "{#WallComment}"
Name: "{group}\Удалить ЦУР"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "{#ConsoleArgs}"; Description: "Запустить {#ConsoleName}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; byte-code caches Python may write beside the migrations
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"
